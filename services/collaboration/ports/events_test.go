package ports_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"

	"github.com/taskrocket/taskrocket/services/collaboration/ports"
)

func TestDeletedTaskTakesItsCommentsWithIt(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada := e.user("ada")
	pid := e.peers.project(ada.ID)
	doomed, kept := e.peers.task(pid), e.peers.task(pid)
	c := e.post(ada, "/api/v1/tasks/"+doomed+"/comments", "on the doomed task")
	e.post(ada, "/api/v1/tasks/"+kept+"/comments", "on the kept task")
	e.peers.deleteTask(doomed)
	data := contracts.TaskDeleted{Actor: contracts.Actor{UserID: ada.ID}, ProjectID: pid, TaskID: doomed, Title: "x", AssigneeIDs: []string{}}
	for range 2 { // redelivered: the second finds the work done
		if got := e.deliver(ports.RouteTaskDeleted, contracts.EventTaskDeleted, data); got != "SUCCESS" {
			t.Fatalf("delivery answered %s", got)
		}
	}
	e.refuse(http.StatusNotFound, "comment_not_found", req{Method: "GET", Path: "/api/v1/comments/" + c.ID, Token: ada.Token})
	e.refuse(http.StatusNotFound, "task_not_found", req{Method: "GET", Path: "/api/v1/tasks/" + doomed + "/comments", Token: ada.Token})
	e.refuse(http.StatusNotFound, "task_not_found", req{Method: "POST", Path: "/api/v1/tasks/" + doomed + "/comments", Token: ada.Token, Body: `{"body":"late"}`})
	if l := e.list(ada, "/api/v1/tasks/"+kept+"/comments"); l.Total != 1 {
		t.Fatalf("the other task lost its comment: %+v", l)
	}
	if n := len(e.pub.ofType(contracts.EventCommentDeleted)); n != 0 {
		t.Errorf("%d comment.deleted events: task.deleted already tells everyone", n)
	}
}

func TestDeletedProjectTakesEveryCommentWithIt(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada := e.user("ada")
	pid, other := e.peers.project(ada.ID), e.peers.project(ada.ID)
	tid := e.peers.task(pid)
	e.post(ada, "/api/v1/tasks/"+tid+"/comments", "task comment")
	e.post(ada, "/api/v1/projects/"+pid+"/comments", "thread comment")
	keep := e.post(ada, "/api/v1/projects/"+other+"/comments", "another project")
	data := contracts.ProjectDeleted{Actor: contracts.Actor{UserID: ada.ID}, ProjectID: pid, Name: "x", MemberIDs: []string{ada.ID}}
	if got := e.deliver(ports.RouteProjectDeleted, contracts.EventProjectDeleted, data); got != "SUCCESS" {
		t.Fatalf("delivery answered %s", got)
	}
	for _, k := range e.kv.Keys() {
		if strings.HasPrefix(k, "comment/") && k != "comment/"+keep.ID {
			t.Errorf("a comment of the deleted project is still stored: %s", k)
		}
	}
	if l := e.list(ada, "/api/v1/projects/"+other+"/comments"); l.Total != 1 {
		t.Fatalf("another project lost its comment: %+v", l)
	}
}

func TestDeletedAccountShowsAsDeletedUser(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, grace := e.user("ada"), e.user("grace")
	pid := e.peers.project(ada.ID, grace.ID)
	path := "/api/v1/projects/" + pid + "/comments"
	e.post(grace, path, "soon gone")
	if got := e.deliver(ports.RouteUserNamed, contracts.EventUserUpdated, contracts.UserUpdated{
		Actor: contracts.Actor{UserID: grace.ID}, UserID: grace.ID, Username: "grace2", DisplayName: "Grace H", Changed: []string{"username"}}); got != "SUCCESS" {
		t.Fatal(got)
	}
	if a := e.list(ada, path).Items[0].Author; a.Username == nil || *a.Username != "grace2" || a.DisplayName != "Grace H" {
		t.Fatalf("renamed author %+v", a)
	}
	e.deliver(ports.RouteUserDeleted, contracts.EventUserDeleted, contracts.UserDeleted{Actor: contracts.Actor{UserID: grace.ID}, UserID: grace.ID})
	// A late registration event does not bring the name back.
	e.deliver(ports.RouteUserNamed, contracts.EventUserRegistered, contracts.UserRegistered{UserID: grace.ID, Username: "grace", DisplayName: "Grace"})
	a := e.list(ada, path).Items[0].Author
	if !a.Deleted || a.Username != nil || a.DisplayName != ports.DeletedUserName || a.ID != grace.ID {
		t.Fatalf("deleted author %+v", a)
	}
}

func TestMalformedEventsAreDropped(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	if got := e.deliver(ports.RouteTaskDeleted, contracts.EventTaskDeleted, map[string]any{"taskId": "nope"}); got != "DROP" {
		t.Fatalf("task.deleted without ids: %s", got)
	}
	if got := e.deliver(ports.RouteProjectDeleted, contracts.EventTaskDeleted, map[string]any{}); got != "DROP" {
		t.Fatalf("an event on the wrong route: %s", got)
	}
	if got := e.deliver(ports.RouteIgnored, contracts.EventTaskCreated, map[string]any{}); got != "SUCCESS" {
		t.Fatalf("ignored event: %s", got)
	}
}

// A change whose event could not be published is complete for readers at
// once and announced by the sweeper once the broker is back, exactly once.
func TestEventsOfAnInterruptedChangeArePublishedLater(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada := e.user("ada")
	pid := e.peers.project(ada.ID)
	e.pub.setDown(true)
	c := e.post(ada, "/api/v1/projects/"+pid+"/comments", "while the broker is down")
	if l := e.list(ada, "/api/v1/projects/"+pid+"/comments"); l.Total != 1 {
		t.Fatalf("the comment is not readable: %+v", l)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	e.clock.Advance(time.Minute) // past what a request in progress may still finish itself
	if failed := e.store.Sweep(context.Background(), log); failed == 0 {
		t.Fatal("the sweep should report the publication it could not make")
	}
	e.pub.setDown(false)
	if failed := e.store.Sweep(context.Background(), log); failed != 0 {
		t.Fatalf("%d changes still unfinished", failed)
	}
	e.store.Sweep(context.Background(), log)
	created := e.pub.ofType(contracts.EventCommentCreated)
	if len(created) != 1 || created[0].Subject != c.ID {
		t.Fatalf("comment.created events %v", created)
	}
	if n := len(e.pub.events); n != 1 {
		t.Fatalf("%d publications, want 1", n)
	}
}
