package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
)

func TestGoroutinesReadsPlainAndLabelledSeries(t *testing.T) {
	t.Parallel()
	for body, want := range map[string]int{
		"# HELP go_goroutines x\ngo_goroutines 17\n":                   17,
		"go_goroutines_total 3\ngo_goroutines{service=\"tasks\"} 42\n": 42,
		"process_open_fds 9\n":                                         -1,
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, body) }))
		if got := goroutines(t.Context(), srv.URL); got != want {
			t.Errorf("%q: %d, want %d", body, got, want)
		}
		srv.Close()
	}
}

// The test process's own group: RSS and open files add up over the
// processes of the group.
func TestSampleGroupCountsThisProcess(t *testing.T) {
	t.Parallel()
	u := sampleGroup(processGroup(os.Getpid()))
	if u.Procs < 1 || u.RSSKiB <= 0 || u.OpenFiles < 3 {
		t.Fatalf("usage %+v", u)
	}
}
