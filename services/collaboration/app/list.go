package app

import (
	"context"
	"errors"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/taskrocket/taskrocket/services/collaboration/domain"
)

// Order of a comment list.
type Order string

const (
	NewestFirst Order = "newest"
	OldestFirst Order = "oldest"
)

// PageQuery asks for one page of a conversation: After is the id of the
// last comment of the previous page ("" for the first page).
type PageQuery struct {
	Order Order
	After string
	Limit int
}

// Page is one page of a conversation, with the names of its authors.
type Page struct {
	Items   []domain.Comment
	Authors map[string]UserName
	Total   int    // comments in the conversation
	Next    string // id to pass as After for the next page; "" on the last
}

// TaskComments lists a task's comments. Once the conversation is read
// (it names the project), the membership check and the page's reads run
// at the same time: the page is thrown away unless the caller is a member.
func (a *App) TaskComments(ctx context.Context, c Caller, taskID string, q PageQuery) (Page, error) {
	tid, ok := domain.ParseID(taskID)
	if !ok {
		return Page{}, domain.ErrTaskNotFound
	}
	st, err := a.Store.Thread(ctx, domain.Thread{TaskID: tid})
	switch {
	case err != nil:
		return Page{}, err
	case st.Deleted:
		return Page{}, domain.ErrTaskNotFound
	case !st.Exists:
		// No comment yet: the tasks service says whether the caller may see it.
		if _, err := a.taskThread(ctx, c, tid); err != nil {
			return Page{}, err
		}
		return Page{Items: []domain.Comment{}, Authors: map[string]UserName{}}, nil
	}
	p, err := a.pageForMember(ctx, c, st.ProjectID, st.IDs, q)
	if errors.Is(err, domain.ErrProjectNotFound) {
		return Page{}, domain.ErrTaskNotFound
	}
	return p, err
}

// ProjectComments lists a project's discussion thread.
func (a *App) ProjectComments(ctx context.Context, c Caller, projectID string, q PageQuery) (Page, error) {
	pid, ok := domain.ParseID(projectID)
	if !ok {
		return Page{}, domain.ErrProjectNotFound
	}
	st, err := a.Store.Thread(ctx, domain.Thread{ProjectID: pid})
	switch {
	case err != nil:
		return Page{}, err
	case st.Deleted:
		return Page{}, domain.ErrProjectNotFound
	}
	return a.pageForMember(ctx, c, pid, st.IDs, q)
}

// pageForMember reads a page of ids while it checks that the caller is a
// member of the project; the page is returned only to a member.
func (a *App) pageForMember(ctx context.Context, c Caller, projectID string, ids []string, q PageQuery) (Page, error) {
	var (
		wg      sync.WaitGroup
		p       Page
		pageErr error
	)
	wg.Go(func() { p, pageErr = a.page(ctx, ids, q) })
	_, err := a.member(ctx, projectID, c.UserID)
	wg.Wait()
	if err != nil {
		return Page{}, err
	}
	if pageErr != nil {
		return Page{}, pageErr
	}
	return p, a.lookUpMissing(ctx, p.Authors)
}

// page reads one page of ids (oldest first, as stored). Comments removed
// since the index was read are left out of the page.
func (a *App) page(ctx context.Context, ids []string, q PageQuery) (Page, error) {
	ordered := ids
	if q.Order == NewestFirst {
		ordered = slices.Clone(ids)
		slices.Reverse(ordered)
	}
	start := 0
	if q.After != "" {
		start = sort.Search(len(ordered), func(i int) bool {
			if q.Order == NewestFirst {
				return ordered[i] < q.After
			}
			return ordered[i] > q.After
		})
	}
	end := min(len(ordered), start+q.Limit)
	items, err := a.Store.Comments(ctx, ordered[start:end])
	if err != nil {
		return Page{}, err
	}
	p := Page{Items: items, Total: len(ids)}
	if end < len(ordered) && end > start {
		p.Next = ordered[end-1]
	}
	authors := make([]string, 0, len(items))
	for _, cm := range items {
		if !slices.Contains(authors, cm.AuthorID) {
			authors = append(authors, cm.AuthorID)
		}
	}
	if p.Authors, err = a.Store.UserNames(ctx, authors); err != nil {
		return Page{}, err
	}
	for _, id := range authors {
		if _, ok := p.Authors[id]; !ok {
			p.Authors[id] = UserName{} // looked up once the caller's access is known
		}
	}
	return p, nil
}

// Names returns how the accounts are shown. Accounts this service has not
// heard of yet (created before it subscribed, or whose event is still on
// its way) are looked up in the users service and remembered; an id the
// users service does not know is a deleted account.
func (a *App) Names(ctx context.Context, ids []string) (map[string]UserName, error) {
	known, err := a.Store.UserNames(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if _, ok := known[id]; !ok {
			known[id] = UserName{}
		}
	}
	return known, a.lookUpMissing(ctx, known)
}

// lookUpMissing fills in the names left empty (unknown here).
func (a *App) lookUpMissing(ctx context.Context, names map[string]UserName) error {
	var missing []string
	for id, n := range names {
		if n == (UserName{}) {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	found, err := a.Users.Lookup(ctx, missing)
	if err != nil {
		return err
	}
	for _, id := range missing {
		n, ok := found[id]
		if !ok {
			n = UserName{Deleted: true}
		}
		names[id] = n
		if err := a.Store.PutUserName(ctx, id, n, true); err != nil {
			a.Log.WarnContext(ctx, "remember user name", "user_id", id, "error", err)
		}
	}
	return nil
}

// CommentCounts returns how many comments each task of the project has;
// ids that are not tasks of the project count 0.
func (a *App) CommentCounts(ctx context.Context, c Caller, projectID string, taskIDs []string) (map[string]int, error) {
	m, err := a.member(ctx, projectID, c.UserID)
	if err != nil {
		return nil, err
	}
	states, err := a.Store.TaskThreads(ctx, taskIDs)
	if err != nil {
		return nil, err
	}
	out := make(map[string]int, len(taskIDs))
	for i, id := range taskIDs {
		st := states[i]
		if st.Exists && !st.Deleted && st.ProjectID == m.ProjectID {
			out[id] = len(st.IDs)
		} else {
			out[id] = 0
		}
	}
	return out, nil
}

// Mentionable returns the project's members whose username or a word of
// whose display name starts with prefix (any case), usernames first, at
// most limit; the caller is left out. An empty prefix lists members.
func (a *App) Mentionable(ctx context.Context, c Caller, projectID, prefix string, limit int) ([]Member, error) {
	m, err := a.member(ctx, projectID, c.UserID)
	if err != nil {
		return nil, err
	}
	members, err := a.Projects.Members(ctx, c, m.ProjectID)
	if err != nil {
		return nil, err
	}
	prefix = strings.ToLower(strings.TrimPrefix(prefix, "@"))
	var byUsername, byName []Member
	for _, mb := range members {
		if mb.UserID == c.UserID {
			continue
		}
		switch {
		case strings.HasPrefix(strings.ToLower(mb.Username), prefix):
			byUsername = append(byUsername, mb)
		case nameWordPrefix(mb.DisplayName, prefix):
			byName = append(byName, mb)
		}
	}
	sortMembers(byUsername)
	sortMembers(byName)
	out := append(byUsername, byName...)
	return out[:min(len(out), limit)], nil
}

func nameWordPrefix(name, prefix string) bool {
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if strings.HasPrefix(w, prefix) {
			return true
		}
	}
	return false
}

func sortMembers(ms []Member) {
	slices.SortFunc(ms, func(x, y Member) int { return strings.Compare(x.Username, y.Username) })
}
