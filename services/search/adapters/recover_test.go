package adapters_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"

	"github.com/taskrocket/taskrocket/services/search/adapters"
	"github.com/taskrocket/taskrocket/services/search/app"
	"github.com/taskrocket/taskrocket/services/search/domain"
)

type members []string

func (m members) UserProjects(context.Context, string) ([]string, error) { return m, nil }

// A lost index (a crash before its last batches reached the disk, or the
// folder removed) is rendered again from the catalog at start.
func TestRecoverRendersALostIndexFromTheCatalog(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	catalog, err := adapters.OpenCatalog(filepath.Join(dir, "catalog.db"), true)
	if err != nil {
		t.Fatal(err)
	}
	defer catalog.Close()
	indexDir := filepath.Join(dir, "index.bleve")
	open := func() (*adapters.Bleve, *app.App) {
		idx, err := adapters.OpenBleve(indexDir)
		if err != nil {
			t.Fatal(err)
		}
		return idx, app.New(app.Deps{Catalog: catalog, Index: idx, Members: members{"p1"},
			Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	}
	idx, a := open()
	if err := a.ProjectChanged(ctx, domain.Project{ID: "p1", Name: "Website", Key: "WEB", Version: 1}, true); err != nil {
		t.Fatal(err)
	}
	for i, title := range []string{"Ship the landing page", "Fix the footer"} {
		if err := a.TaskChanged(ctx, domain.Task{ID: string(rune('a' + i)), ProjectID: "p1", Title: title, Version: 1}); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := a.Recover(ctx); err != nil || n != 0 {
		t.Fatalf("a current index was rendered again: %d %v", n, err)
	}
	idx.Close()
	if err := adapters.RemoveBleve(indexDir); err != nil {
		t.Fatal(err)
	}
	idx, a = open()
	defer idx.Close()
	if n, err := a.Recover(ctx); err != nil || n != 3 {
		t.Fatalf("recovered %d documents (%v), want 3", n, err)
	}
	text, _ := domain.ParseText("footer")
	res, err := a.Search(ctx, "u", domain.Query{Text: text, Limit: 10})
	if err != nil || res.Total != 1 || res.Hits[0].Doc.Title != "Fix the footer" {
		t.Fatalf("after recovery: %+v %v", res, err)
	}
}
