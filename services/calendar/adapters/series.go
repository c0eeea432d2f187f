package adapters

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

type skipRow struct {
	SeriesID string
	DueAt    time.Time
}

func (skipRow) TableName() string { return "series_skips" }

type occurrenceRow struct {
	SeriesID  string
	DueAt     time.Time
	TaskID    *string
	CreatedAt time.Time
}

func (occurrenceRow) TableName() string { return "series_occurrences" }

// taskSeriesOf turns rows into recurring tasks with their skipped dates.
func (s *Store) taskSeriesOf(ctx context.Context, rows []taskSeriesRow) ([]domain.TaskSeries, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	var skips []skipRow
	if err := s.db.WithContext(ctx).Where("series_id IN ?", ids).Order("series_id, due_at").Find(&skips).Error; err != nil {
		return nil, fmt.Errorf("load skips: %w", err)
	}
	bySeries := map[string][]time.Time{}
	for _, sk := range skips {
		bySeries[sk.SeriesID] = append(bySeries[sk.SeriesID], sk.DueAt)
	}
	out := make([]domain.TaskSeries, 0, len(rows))
	for _, r := range rows {
		ts, err := r.domain()
		if err != nil {
			return nil, err
		}
		ts.Skipped = bySeries[r.ID]
		out = append(out, ts)
	}
	return out, nil
}

// ProjectTaskSeries are the recurring tasks of a project, stopped ones
// included, oldest first.
func (s *Store) ProjectTaskSeries(ctx context.Context, projectID string) ([]domain.TaskSeries, error) {
	var rows []taskSeriesRow
	if err := s.db.WithContext(ctx).Where("project_id = ?", projectID).Order("created_at, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("load project task series: %w", err)
	}
	return s.taskSeriesOf(ctx, rows)
}

// SaveTaskSeriesState stores a series' status, next due date and skipped
// dates, if its version is still version (else domain.ErrTaskSeriesChanged);
// the stored version becomes version+1.
func (s *Store) SaveTaskSeriesState(ctx context.Context, ts domain.TaskSeries, version int64) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&taskSeriesRow{}).Where("id = ? AND version = ?", ts.ID, version).Updates(map[string]any{
			"status": string(ts.Status), "next_due_at": ts.NextDue, "title": ts.Title,
			"version": version + 1, "updated_at": ts.UpdatedAt,
		})
		if res.Error != nil {
			return fmt.Errorf("save task series: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return domain.ErrTaskSeriesChanged
		}
		for _, at := range ts.Skipped {
			if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&skipRow{SeriesID: ts.ID, DueAt: at}).Error; err != nil {
				return fmt.Errorf("save skip: %w", err)
			}
		}
		return nil
	})
}

// DeleteTaskSeries removes a recurring task, or answers
// domain.ErrTaskSeriesNotFound.
func (s *Store) DeleteTaskSeries(ctx context.Context, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Where("id = ?", id).Delete(&taskSeriesRow{})
		if res.Error != nil {
			return fmt.Errorf("delete task series: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return domain.ErrTaskSeriesNotFound
		}
		if err := tx.Where("target_kind = ? AND target_id = ?", string(domain.TargetTaskSeries), id).Delete(&reminderRow{}).Error; err != nil {
			return fmt.Errorf("delete task series reminders: %w", err)
		}
		return nil
	})
}

// ClaimOccurrence records that the occurrence of the series at dueAt is
// being created, and reports the task already created for it ("" when
// none yet). It is the idempotency key of a schedule delivered twice.
func (s *Store) ClaimOccurrence(ctx context.Context, seriesID string, dueAt, now time.Time) (string, error) {
	row := occurrenceRow{SeriesID: seriesID, DueAt: dueAt, CreatedAt: now}
	if err := s.db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error; err != nil {
		return "", fmt.Errorf("claim occurrence: %w", err)
	}
	var got occurrenceRow
	if err := s.db.WithContext(ctx).Where("series_id = ? AND due_at = ?", seriesID, dueAt).Take(&got).Error; err != nil {
		return "", fmt.Errorf("read occurrence: %w", err)
	}
	if got.TaskID == nil {
		return "", nil
	}
	return *got.TaskID, nil
}

// OccurrenceCreated records the task created for an occurrence.
func (s *Store) OccurrenceCreated(ctx context.Context, seriesID string, dueAt time.Time, taskID string) error {
	err := s.db.WithContext(ctx).Model(&occurrenceRow{}).Where("series_id = ? AND due_at = ?", seriesID, dueAt).
		Update("task_id", taskID).Error
	if err != nil {
		return fmt.Errorf("record occurrence: %w", err)
	}
	return nil
}
