package app

import (
	"context"
	"errors"

	"github.com/taskrocket/taskrocket/services/tasks/domain"
)

// References from a task to other objects are checked inside the
// transaction that writes the task; the database's foreign keys back
// them up.

// checkParent accepts parentID as the parent of taskID ("" for a new
// task): another task of the same project that is not taskID's subtask.
// The caller holds the project's tree lock, so no concurrent re-parenting
// can close a cycle.
func checkParent(ctx context.Context, tx Tx, projectID, taskID, parentID string) error {
	if parentID == taskID {
		return domain.ErrInvalidParent
	}
	parent, err := tx.Task(ctx, parentID, false)
	if errors.Is(err, domain.ErrTaskNotFound) || (err == nil && parent.ProjectID != projectID) {
		return domain.ErrInvalidParent
	}
	if err != nil || taskID == "" {
		return err
	}
	cycle, err := tx.IsAncestor(ctx, taskID, parentID)
	if err != nil {
		return err
	}
	if cycle {
		return domain.ErrInvalidParent
	}
	return nil
}

func checkCategory(ctx context.Context, tx Tx, projectID, categoryID string) error {
	ok, err := tx.LabelsExist(ctx, domain.Category, projectID, []string{categoryID})
	if err == nil && !ok {
		return domain.ErrInvalidCategory
	}
	return err
}

func checkTags(ctx context.Context, tx Tx, projectID string, tagIDs []string) error {
	ok, err := tx.LabelsExist(ctx, domain.Tag, projectID, tagIDs)
	if err == nil && !ok {
		return domain.ErrInvalidTag
	}
	return err
}

// place returns the order key of task selfID (current is its key; both ""
// for a new task) put where ref says: right after ref.AfterID, right
// before ref.BeforeID, between both, or (neither) at the end of the
// project's list. A task already in that gap keeps its key, so dropping
// it where it is writes nothing. Tasks with equal keys (created at the
// same instant) count as one slot.
func place(ctx context.Context, tx Tx, projectID, selfID, current string, ref domain.PositionRef) (string, error) {
	if selfID != "" && (ref.AfterID == selfID || ref.BeforeID == selfID) {
		return "", domain.ErrInvalidPosition
	}
	a, b, err := gap(ctx, tx, projectID, selfID, ref)
	switch {
	case err != nil:
		return "", err
	case current != "" && current > a && (b == "" || current < b):
		return current, nil
	case b == "":
		return domain.PositionAfter(a)
	}
	return domain.PositionBetween(a, b)
}

// gap returns the keys around the place ref names ("" for the start or
// the end of the list).
func gap(ctx context.Context, tx Tx, projectID, selfID string, ref domain.PositionRef) (a, b string, err error) {
	if ref.AfterID != "" {
		if a, err = tx.PositionOf(ctx, projectID, ref.AfterID); err != nil {
			return "", "", err
		}
	}
	if ref.BeforeID != "" {
		if b, err = tx.PositionOf(ctx, projectID, ref.BeforeID); err != nil {
			return "", "", err
		}
	}
	switch {
	case ref.AfterID == "" && ref.BeforeID == "":
		a, err = tx.PrevPosition(ctx, projectID, "", selfID)
	case ref.BeforeID == "":
		b, err = tx.NextPosition(ctx, projectID, a, selfID)
	case ref.AfterID == "":
		a, err = tx.PrevPosition(ctx, projectID, b, selfID)
	case a >= b:
		err = domain.ErrInvalidPosition
	}
	return a, b, err
}
