// Command bench measures the search service in process (make bench-search):
// building the index of a generated corpus through the rebuild path, query
// latency at fixed rates, and the time from an applied event to the change
// being found. It writes a Markdown report (default bench/out/search.md).
// The sidecar, the broker and HTTP are not part of these figures; the
// end-to-end suite reports an event's way through the stack.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/taskrocket/taskrocket/services/search/adapters"
	"github.com/taskrocket/taskrocket/services/search/app"
	"github.com/taskrocket/taskrocket/services/search/domain"
)

func main() {
	tasks := flag.Int("tasks", 100_000, "tasks in the corpus (one comment each)")
	projects := flag.Int("projects", 50, "projects the tasks are spread over")
	seconds := flag.Int("seconds", 15, "length of each query rate step")
	out := flag.String("out", "bench/out/search.md", "report file")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the query steps to this file")
	flag.Parse()
	queryProfile = *cpuProfile
	if err := run(*tasks, *projects, time.Duration(*seconds)*time.Second, *out); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// vocabulary is 8,000 made-up words (three syllables each), so that a
// word is in a few dozen tasks of 100,000, as in real text, rather than
// in most of them.
var vocabulary = func() []string {
	syl := strings.Fields("ka lo mi ne ru sa te vo pi da ge ho ju ly ze bo fa wi xu qe")
	var out []string
	for _, a := range syl {
		for _, b := range syl {
			for _, c := range syl {
				out = append(out, a+b+c)
			}
		}
	}
	return out
}()

func sentence(r *rand.Rand, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = vocabulary[r.IntN(len(vocabulary))]
	}
	return strings.Join(w, " ")
}

func id(kind byte, n int) string { return fmt.Sprintf("%08x-0000-7000-8%03x-%012x", n, kind, n) }

// queryProfile is where the query steps' CPU profile goes ("": none).
var queryProfile string

// corpus is the owning services as the rebuild reads them.
type corpus struct {
	tasks, projects int
}

func (c corpus) Projects(_ context.Context, after string) ([]domain.Project, string, error) {
	if after != "" {
		return nil, "", nil
	}
	var ps []domain.Project
	for i := range c.projects {
		ps = append(ps, domain.Project{ID: id('p', i), Name: "Project " + vocabulary[i], Key: fmt.Sprintf("P%d", i), Version: 1})
	}
	return ps, "", nil
}

func (c corpus) Labels(context.Context, string) ([]domain.Label, string, error) { return nil, "", nil }

func (c corpus) Tasks(_ context.Context, after string) ([]domain.Task, string, error) {
	start := 0
	if after != "" {
		fmt.Sscanf(after[:8], "%x", &start)
		start++
	}
	var ts []domain.Task
	for i := start; i < c.tasks && len(ts) < 500; i++ {
		r := rand.New(rand.NewPCG(uint64(i), 7))
		ts = append(ts, domain.Task{ID: id('t', i), ProjectID: id('p', i%c.projects), Title: sentence(r, 4),
			Description: sentence(r, 20), Status: []string{"todo", "in_progress", "done"}[i%3], Priority: "none",
			UpdatedAt: time.Unix(int64(i), 0).UTC(), Version: 1})
	}
	next := ""
	if len(ts) > 0 && start+len(ts) < c.tasks {
		next = ts[len(ts)-1].ID
	}
	return ts, next, nil
}

func (c corpus) Comments(_ context.Context, taskIDs []string) ([]domain.Comment, error) {
	var cs []domain.Comment
	for _, t := range taskIDs {
		var n int
		fmt.Sscanf(t[:8], "%x", &n)
		r := rand.New(rand.NewPCG(uint64(n), 9))
		cs = append(cs, domain.Comment{ID: id('c', n), TaskID: t, ProjectID: id('p', n%c.projects), Body: sentence(r, 12), Version: 1})
	}
	return cs, nil
}

func (c corpus) Users(context.Context, []string) ([]domain.User, error) { return nil, nil }

type allProjects []string

func (m allProjects) UserProjects(context.Context, string) ([]string, error) { return m, nil }

func run(tasks, projects int, stepFor time.Duration, out string) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "search-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	gens := &adapters.Generations{Dir: dir}
	defer gens.Close()
	store, err := gens.Current()
	if err != nil {
		return err
	}
	src := corpus{tasks: tasks, projects: projects}
	var scope allProjects
	for i := range projects {
		scope = append(scope, id('p', i))
	}
	a := app.New(app.Deps{Catalog: store.Catalog, Index: store.Index, Members: scope,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Source: src, Fresh: gens.Fresh, Retire: gens.Retire})

	fmt.Fprintf(os.Stderr, "building the index of %d tasks...\n", tasks)
	built, err := a.Reindex(ctx)
	if err != nil {
		return err
	}
	size := dirSize(dir)
	fmt.Fprintf(os.Stderr, "built: %d tasks, %d comments in %s, %.1f MiB\n", built.Tasks, built.Comments, built.Took, float64(size)/(1<<20))
	settled := settle(dir, 10*time.Second, 5*time.Minute)
	fmt.Fprintf(os.Stderr, "index settled after %s\n", settled.Round(time.Second))
	var b strings.Builder
	fmt.Fprintf(&b, "# Search benchmark\n\nIn process (no sidecar, broker or HTTP), Bleve on this machine's disk, %s.\n\n", time.Now().UTC().Format(time.RFC3339))
	fmt.Fprintf(&b, "## Index build (rebuild path)\n\n| tasks | comments | projects | time | tasks/s | size on disk (catalog + index) |\n|---|---|---|---|---|---|\n")
	fmt.Fprintf(&b, "| %d | %d | %d | %s | %.0f | %.1f MiB |\n\n", built.Tasks, built.Comments, built.Projects,
		built.Took.Round(time.Millisecond), float64(built.Tasks)/built.Took.Seconds(), float64(size)/(1<<20))

	fmt.Fprintf(&b, "Queries start once the index's background merging has settled (its segment files unchanged for 10 s; %s after the build), as a rebuilt index is before it is swapped in or after a restart. Load average then: %s.\n\n", settled.Round(time.Second), loadAverage())

	// Words of the corpus as people type them: whole, unfinished, with a
	// typo, two words, a phrase.
	r := rand.New(rand.NewPCG(1, 2))
	var queries []string
	for i := 0; i < 10; i++ {
		a, b := vocabulary[r.IntN(len(vocabulary))], vocabulary[r.IntN(len(vocabulary))]
		queries = append(queries, a+" ", a[:4], a[:2]+a[3:]+" ", a+" "+b[:3], `"`+a+" "+b+`"`)
	}
	if queryProfile != "" {
		f, err := os.Create(queryProfile)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer f.Close()
	}
	fmt.Fprintf(&b, "## Query latency (caller in all %d projects; %d queries: prefixes, typos, phrases)\n\n"+
		"As the search box asks (no facet counts), and with every facet counted (`facets=all`).\n\n"+
		"| facets | rate | queries | p50 | p99 | max |\n|---|---|---|---|---|---|\n", projects, len(queries))
	for _, step := range []struct {
		facets []string
		rate   int
	}{{nil, 50}, {nil, 100}, {domain.Facets, 50}, {domain.Facets, 100}} {
		fmt.Fprintf(os.Stderr, "queries at %d/s (%d facets) for %s...\n", step.rate, len(step.facets), stepFor)
		lat, err := atRate(step.rate, stepFor, func(i int) error {
			text, _ := domain.ParseText(queries[i%len(queries)])
			_, err := a.Search(ctx, "u", domain.Query{Text: text, Limit: 20, Facets: step.facets})
			return err
		})
		if err != nil {
			return err
		}
		counted := "none"
		if len(step.facets) > 0 {
			counted = "all"
		}
		fmt.Fprintf(&b, "| %s | %d/s | %d | %s | %s | %s |\n", counted, step.rate, len(lat), pct(lat, 50), pct(lat, 99), pct(lat, 100))
	}

	pprof.StopCPUProfile()
	fmt.Fprintf(os.Stderr, "event to searchable...\n")
	lat, err := atRate(20, stepFor, func(i int) error {
		n := i % tasks
		r := rand.New(rand.NewPCG(uint64(n), 7))
		title := fmt.Sprintf("renamed%d %s", i, sentence(r, 2))
		if err := a.TaskChanged(ctx, domain.Task{ID: id('t', n), ProjectID: id('p', n%projects), Title: title,
			Status: "todo", Priority: "none", UpdatedAt: time.Now().UTC(), Version: int64(2 + i)}); err != nil {
			return err
		}
		text, _ := domain.ParseText(fmt.Sprintf("renamed%d ", i))
		res, err := a.Search(ctx, "u", domain.Query{Text: text, Limit: 5})
		if err != nil {
			return err
		}
		for _, h := range res.Hits {
			if h.Doc.ID == id('t', n) {
				return nil
			}
		}
		return fmt.Errorf("renamed task %d not found", n)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(&b, "\n## Event to searchable (20 renames/s; applying the event and the search that finds it)\n\n| events | p50 | p99 | max |\n|---|---|---|---|\n| %d | %s | %s | %s |\n",
		len(lat), pct(lat, 50), pct(lat, 99), pct(lat, 100))
	fmt.Fprintf(&b, "\nThrough the whole stack (outbox, broker, sidecar delivery), e2e/search_test.go reports\ncreated/renamed/deleted -> found/gone for one task (in the suite's data folder, search-freshness.txt).\n")
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	fmt.Print(b.String())
	return os.WriteFile(out, []byte(b.String()), 0o644)
}

// atRate calls fn at rate per second (open loop) for d and returns each
// call's latency.
func atRate(rate int, d time.Duration, fn func(i int) error) ([]time.Duration, error) {
	var mu sync.Mutex
	var lat []time.Duration
	var first error
	var wg sync.WaitGroup
	tick := time.NewTicker(time.Second / time.Duration(rate))
	defer tick.Stop()
	end := time.Now().Add(d)
	for i := 0; time.Now().Before(end); i++ {
		<-tick.C
		wg.Add(1)
		go func() {
			defer wg.Done()
			began := time.Now()
			err := fn(i)
			took := time.Since(began)
			mu.Lock()
			defer mu.Unlock()
			lat = append(lat, took)
			if err != nil && first == nil {
				first = err
			}
		}()
	}
	wg.Wait()
	return lat, first
}

func pct(lat []time.Duration, p int) string {
	if len(lat) == 0 {
		return "-"
	}
	s := slices.Clone(lat)
	slices.Sort(s)
	i := min(len(s)-1, (len(s)*p+99)/100-1)
	return s[max(i, 0)].Round(10 * time.Microsecond).String()
}

// settle waits until the segment files (*.zap) under dir have not changed
// for quiet, at most max, and returns how long it waited: Bleve merges
// segments in the background after a build, and queries meanwhile share
// the CPU with the merger.
func settle(dir string, quiet, max time.Duration) time.Duration {
	began := time.Now()
	var last string
	since := time.Now()
	for time.Since(began) < max {
		var names []string
		_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err == nil && strings.HasSuffix(path, ".zap") {
				names = append(names, path)
			}
			return nil
		})
		if cur := strings.Join(names, ","); cur != last {
			last, since = cur, time.Now()
		} else if time.Since(since) >= quiet {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	return time.Since(began)
}

// loadAverage is the machine's 1, 5 and 15 minute load ("?" off Linux).
func loadAverage() string {
	raw, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(raw))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], ", ")
}

func dirSize(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}
