package app

import (
	"context"
	"errors"
	"strings"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/collaboration/domain"
)

// CommentOnTask posts a comment on a task.
func (a *App) CommentOnTask(ctx context.Context, c Caller, taskID, body string) (domain.Comment, error) {
	conv, err := a.taskThread(ctx, c, taskID)
	if err != nil {
		return domain.Comment{}, err
	}
	return a.post(ctx, c, conv, body)
}

// CommentOnProject posts a comment in a project's discussion thread.
func (a *App) CommentOnProject(ctx context.Context, c Caller, projectID, body string) (domain.Comment, error) {
	conv, err := a.projectThread(ctx, c, projectID)
	if err != nil {
		return domain.Comment{}, err
	}
	return a.post(ctx, c, conv, body)
}

func (a *App) post(ctx context.Context, c Caller, conv conversation, raw string) (domain.Comment, error) {
	if err := a.checkWrite(ctx, conv.member); err != nil {
		return domain.Comment{}, err
	}
	body, problem := domain.CheckBody(raw)
	if problem != "" {
		return domain.Comment{}, fieldError("body", problem)
	}
	html, mentions, err := a.render(ctx, c, conv.thread.ProjectID, body)
	if err != nil {
		return domain.Comment{}, err
	}
	id, err := a.NewID()
	if err != nil {
		return domain.Comment{}, err
	}
	cm := domain.Comment{
		ID: id, ProjectID: conv.thread.ProjectID, TaskID: conv.thread.TaskID, AuthorID: c.UserID,
		Body: body, HTML: html, Mentions: mentions, Reactions: []domain.Reaction{}, CreatedAt: a.now(), Version: 1,
	}
	ev, err := createdEvent(c.UserID, cm)
	if err != nil {
		return domain.Comment{}, err
	}
	if err := a.Store.CreateComment(ctx, cm, ev); err != nil {
		return domain.Comment{}, err
	}
	return cm, nil
}

// render turns a body into HTML, resolving its @mentions among the
// project's members (asked only when the body mentions someone).
func (a *App) render(ctx context.Context, c Caller, projectID, body string) (string, []string, error) {
	members := map[string]string{}
	if len(a.md.Mentions(body)) > 0 {
		list, err := a.Projects.Members(ctx, c, projectID)
		if err != nil {
			return "", nil, err
		}
		for _, m := range list {
			members[strings.ToLower(m.Username)] = m.UserID
		}
	}
	html, ids := a.md.Render(body, members)
	return html, ids, nil
}

// Comment returns one comment.
func (a *App) Comment(ctx context.Context, c Caller, commentID string) (domain.Comment, error) {
	cm, _, err := a.commentFor(ctx, c, commentID)
	return cm, err
}

// EditComment changes the body of the caller's own comment; ifMatch (nil:
// none) must name its current version. The comment is marked edited.
func (a *App) EditComment(ctx context.Context, c Caller, commentID string, ifMatch []int64, raw string) (domain.Comment, error) {
	cm, m, err := a.commentFor(ctx, c, commentID)
	if err != nil {
		return domain.Comment{}, err
	}
	if err := cm.CheckEdit(c.UserID, ifMatch); err != nil {
		return domain.Comment{}, err
	}
	if err := a.checkWrite(ctx, m); err != nil {
		return domain.Comment{}, err
	}
	body, problem := domain.CheckBody(raw)
	if problem != "" {
		return domain.Comment{}, fieldError("body", problem)
	}
	html, mentions, err := a.render(ctx, c, cm.ProjectID, body)
	if err != nil {
		return domain.Comment{}, err
	}
	return a.Store.UpdateComment(ctx, cm.ID, func(cur *domain.Comment) (*events.Event, error) {
		if err := cur.CheckEdit(c.UserID, ifMatch); err != nil {
			return nil, err
		}
		if cur.Body == body {
			return nil, nil
		}
		before, at := *cur, a.now()
		cur.Body, cur.HTML, cur.Mentions, cur.EditedAt = body, html, mentions, &at
		cur.Version++
		ev, err := updatedEvent(c.UserID, before, *cur)
		return &ev, err
	})
}

// DeleteComment deletes a comment: its author's own, or any as the
// project's owner.
func (a *App) DeleteComment(ctx context.Context, c Caller, commentID string, ifMatch []int64) error {
	cm, m, err := a.commentFor(ctx, c, commentID)
	if err != nil {
		return err
	}
	if err := cm.CheckDelete(m, ifMatch); err != nil {
		return err
	}
	if err := a.checkWrite(ctx, m); err != nil {
		return err
	}
	return a.Store.DeleteComment(ctx, cm.ID, func(cur domain.Comment) (events.Event, error) {
		if err := cur.CheckDelete(m, ifMatch); err != nil {
			return events.Event{}, err
		}
		return deletedEvent(c.UserID, cur, a.now())
	})
}

// React adds the caller's reaction with emoji; false when they had it
// already (nothing changes, nothing is announced).
func (a *App) React(ctx context.Context, c Caller, commentID, raw string) (domain.Comment, bool, error) {
	return a.reaction(ctx, c, commentID, raw, true)
}

// Unreact takes the caller's reaction with emoji back; false when they
// had none.
func (a *App) Unreact(ctx context.Context, c Caller, commentID, raw string) (domain.Comment, bool, error) {
	return a.reaction(ctx, c, commentID, raw, false)
}

func (a *App) reaction(ctx context.Context, c Caller, commentID, raw string, add bool) (domain.Comment, bool, error) {
	emoji, problem := domain.CheckEmoji(raw)
	cm, m, err := a.commentFor(ctx, c, commentID)
	if err != nil {
		return domain.Comment{}, false, err
	}
	if problem != "" {
		return domain.Comment{}, false, fieldError("emoji", problem)
	}
	if err := a.checkWrite(ctx, m); err != nil {
		return domain.Comment{}, false, err
	}
	changed := false
	out, err := a.Store.UpdateComment(ctx, cm.ID, func(cur *domain.Comment) (*events.Event, error) {
		typ := contracts.EventCommentReactionRemoved
		if add {
			typ = contracts.EventCommentReactionAdded
			ok, err := cur.AddReaction(c.UserID, emoji)
			if err != nil || !ok {
				return nil, err
			}
		} else if !cur.RemoveReaction(c.UserID, emoji) {
			return nil, nil
		}
		changed = true
		ev, err := reactionEvent(typ, c.UserID, *cur, emoji, a.now())
		return &ev, err
	})
	return out, changed, err
}

// ErrMissing reports whether err says a thing does not exist (or is not
// the caller's to see).
func ErrMissing(err error) bool {
	return errors.Is(err, domain.ErrCommentNotFound) || errors.Is(err, domain.ErrTaskNotFound) ||
		errors.Is(err, domain.ErrProjectNotFound)
}

func fieldError(field, problem string) error {
	p := domain.FieldErrors{}
	p.Add(field, problem)
	return p.Err()
}
