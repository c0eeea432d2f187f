package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/taskrocket/taskrocket/tools/bench/load"
)

// The ui-mix scenario uses the API the way the web app does, in the
// project of the usual size. Its unit is an action, in the cycle open,
// edit, open, create, so that a page open comes with half an edit and half
// a create:
//   - open a project: the project, its members, and the first page of
//     tasks with the counts per status (one request), sent together as the
//     page sends them; the action ends when all three have answered;
//   - edit a task: PATCH with the If-Match of the version last seen;
//   - create a task.
//
// Its rates are page opens per second; the generator sends two actions per
// page open.

// uiActionsPerOpen is how many actions the ui-mix generator sends per page
// open.
const uiActionsPerOpen = 2

func (fx *fixture) uiMix(lc *client, base string) load.Request {
	sp := fx.small
	project := base + "/api/v1/projects/" + sp.id
	open := []string{project, project + "/members?limit=200", project + "/tasks?sort=priority&counts=true&limit=50"}
	now := time.Now().UTC()
	return func(ctx context.Context, seq int) error {
		switch seq % 4 {
		case 0, 2:
			return lc.sendAll(ctx, open)
		case 1:
			i := (seq / 4) % len(sp.tasks)
			return lc.edit(ctx, base+"/api/v1/tasks/"+sp.tasks[i], &sp.versions[i], seq)
		default:
			return lc.send(ctx, http.MethodPost, project+"/tasks", createBody(seq, now), http.StatusCreated)
		}
	}
}

// sendAll GETs every url at once and fails unless all answer 200.
func (c *client) sendAll(ctx context.Context, urls []string) error {
	errs := make([]error, len(urls))
	var wg sync.WaitGroup
	for i, u := range urls {
		wg.Go(func() { errs[i] = c.send(ctx, http.MethodGet, u, nil, http.StatusOK) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// edit changes a task's title and priority with the If-Match of the
// version last seen, and records the version the answer carries.
func (c *client) edit(ctx context.Context, url string, version interface {
	Load() int64
	Store(int64)
}, seq int) error {
	priorities := [...]string{"low", "medium", "high"}
	body := fmt.Appendf(nil, `{"title":"Review the onboarding flow, take %d","priority":%q}`, seq, priorities[seq%3])
	req, err := http.NewRequestWithContext(ctx, http.MethodPatch, url, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("build request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("If-Match", strconv.Quote(strconv.FormatInt(version.Load(), 10)))
	resp, err := c.do(ctx, req)
	if err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("http %d", resp.StatusCode)
	}
	if v, err := strconv.ParseInt(strings.Trim(resp.Header.Get("ETag"), `"`), 10, 64); err == nil {
		version.Store(v)
	}
	return nil
}
