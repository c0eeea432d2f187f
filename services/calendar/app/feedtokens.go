package app

import (
	"context"

	"github.com/taskrocket/taskrocket/services/platform/fields"

	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

// MaxFeedTokenNameRunes bounds a feed token's name.
const MaxFeedTokenNameRunes = 100

// CreateFeedToken creates a feed token of the caller and returns it with
// the token itself, shown this once.
func (a *App) CreateFeedToken(ctx context.Context, userID, name string) (domain.FeedToken, string, error) {
	problems := fields.Problems{}
	var p string
	if name != "" {
		name, p = fields.Line(name, MaxFeedTokenNameRunes)
		problems.Add("name", p)
	}
	if err := problems.Err(); err != nil {
		return domain.FeedToken{}, "", err
	}
	token, hash := domain.NewFeedToken()
	ft := domain.FeedToken{ID: a.NewID(), UserID: userID, Name: name, Hash: hash, CreatedAt: a.Now().UTC()}
	if err := a.Store.InsertFeedToken(ctx, ft); err != nil {
		return domain.FeedToken{}, "", err
	}
	return ft, token, nil
}

// FeedTokens lists the caller's unrevoked feed tokens.
func (a *App) FeedTokens(ctx context.Context, userID string) ([]domain.FeedToken, error) {
	return a.Store.FeedTokens(ctx, userID)
}

// RevokeFeedToken revokes one of the caller's feed tokens: its URL
// answers 404 from then on.
func (a *App) RevokeFeedToken(ctx context.Context, userID, id string) error {
	return a.Store.RevokeFeedToken(ctx, userID, id, a.Now().UTC())
}

// RegenerateFeedToken revokes one of the caller's feed tokens and creates
// another with its name.
func (a *App) RegenerateFeedToken(ctx context.Context, userID, id string) (domain.FeedToken, string, error) {
	tokens, err := a.Store.FeedTokens(ctx, userID)
	if err != nil {
		return domain.FeedToken{}, "", err
	}
	name, found := "", false
	for _, t := range tokens {
		if t.ID == id {
			name, found = t.Name, true
		}
	}
	if !found {
		return domain.FeedToken{}, "", domain.ErrFeedTokenNotFound
	}
	if err := a.Store.RevokeFeedToken(ctx, userID, id, a.Now().UTC()); err != nil {
		return domain.FeedToken{}, "", err
	}
	return a.CreateFeedToken(ctx, userID, name)
}
