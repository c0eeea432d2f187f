package app

import (
	"encoding/json"
	"strings"

	"github.com/taskrocket/taskrocket/services/search/domain"
)

// Keys of the catalog's records. A task is also listed under its project,
// so that a project's or label's change finds its tasks.
func taskKey(id string) string              { return "task/" + id }
func projectTaskKey(pid, tid string) string { return "ptask/" + pid + "/" + tid }
func commentKey(taskID, id string) string   { return "comment/" + taskID + "/" + id }
func projectKey(id string) string           { return "project/" + id }
func labelKey(id string) string             { return "label/" + id }
func userKey(id string) string              { return "user/" + id }

func getTask(tx Tx, id string) (domain.Task, bool, error) {
	var t domain.Task
	ok, err := tx.Get(taskKey(id), &t)
	return t, ok, err
}

func putTask(tx Tx, t domain.Task) error {
	if err := tx.Put(taskKey(t.ID), t); err != nil {
		return err
	}
	if t.Deleted {
		return tx.Delete(projectTaskKey(t.ProjectID, t.ID))
	}
	return tx.Put(projectTaskKey(t.ProjectID, t.ID), true)
}

func getProject(tx Tx, id string) (domain.Project, bool, error) {
	var p domain.Project
	ok, err := tx.Get(projectKey(id), &p)
	return p, ok, err
}

func getLabel(tx Tx, id string) (domain.Label, bool, error) {
	var l domain.Label
	ok, err := tx.Get(labelKey(id), &l)
	return l, ok, err
}

func getUser(tx Tx, id string) (domain.User, bool, error) {
	var u domain.User
	ok, err := tx.Get(userKey(id), &u)
	return u, ok, err
}

// projectTaskIDs lists the live tasks of a project.
func projectTaskIDs(tx Tx, pid string) ([]string, error) {
	var ids []string
	prefix := projectTaskKey(pid, "")
	err := tx.Scan(prefix, func(key string, _ []byte) error {
		ids = append(ids, strings.TrimPrefix(key, prefix))
		return nil
	})
	return ids, err
}

// comments lists a task's comments, deleted ones included.
func comments(tx Tx, taskID string) ([]domain.Comment, error) {
	var out []domain.Comment
	err := tx.Scan(commentKey(taskID, ""), func(_ string, raw []byte) error {
		var c domain.Comment
		if err := json.Unmarshal(raw, &c); err != nil {
			return err
		}
		out = append(out, c)
		return nil
	})
	return out, err
}

// renderTask makes the document of a held task, or reports that it has
// none (deleted, never seen, or its project deleted).
func renderTask(tx Tx, id string) (domain.Doc, bool, error) {
	t, ok, err := getTask(tx, id)
	if err != nil || !ok || t.Deleted {
		return domain.Doc{}, false, err
	}
	p, _, err := getProject(tx, t.ProjectID)
	if err != nil || p.Deleted {
		return domain.Doc{}, false, err
	}
	n := domain.Names{Project: p, Labels: map[string]domain.Label{}, Users: map[string]domain.User{}}
	for _, lid := range append(append([]string{}, t.TagIDs...), t.CategoryID) {
		if lid == "" {
			continue
		}
		if l, ok, err := getLabel(tx, lid); err != nil {
			return domain.Doc{}, false, err
		} else if ok {
			n.Labels[lid] = l
		}
	}
	for _, uid := range t.AssigneeIDs {
		if u, ok, err := getUser(tx, uid); err != nil {
			return domain.Doc{}, false, err
		} else if ok {
			n.Users[uid] = u
		}
	}
	cs, err := comments(tx, id)
	if err != nil {
		return domain.Doc{}, false, err
	}
	return domain.RenderTask(t, cs, n), true, nil
}
