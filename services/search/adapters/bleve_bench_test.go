package adapters_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taskrocket/taskrocket/services/search/adapters"
	"github.com/taskrocket/taskrocket/services/search/app"
	"github.com/taskrocket/taskrocket/services/search/domain"
)

func BenchmarkBleveSearch(b *testing.B) {
	ctx := context.Background()
	idx, err := adapters.OpenBleve(filepath.Join(b.TempDir(), "i"))
	if err != nil {
		b.Fatal(err)
	}
	defer idx.Close()
	words := strings.Fields("alpha budget canary deploy engine fixture gateway harbor invoice journal kernel ledger marble nebula orbit pylon quartz rocket saturn turbine")
	var docs []domain.Doc
	for i := range 5000 {
		w := func(k int) string { return words[(i*7+k*13)%len(words)] }
		docs = append(docs, domain.Doc{ID: fmt.Sprint(i), Kind: domain.DocTask, ProjectID: fmt.Sprint("p", i%20), Status: "todo",
			Title: w(1) + " " + w(2) + " " + w(3), Description: strings.Repeat(w(4)+" "+w(5)+" ", 5), Comments: []string{w(6) + " " + w(7)}})
	}
	if err := idx.Apply(ctx, app.Batch{Docs: docs, Seq: 1}); err != nil {
		b.Fatal(err)
	}
	var scope []string
	for i := range 20 {
		scope = append(scope, fmt.Sprint("p", i))
	}
	text, _ := domain.ParseText("rocket sat")
	b.ResetTimer()
	for b.Loop() {
		if _, err := idx.Search(ctx, domain.Query{Text: text, Scope: scope, Limit: 20}); err != nil {
			b.Fatal(err)
		}
	}
}
