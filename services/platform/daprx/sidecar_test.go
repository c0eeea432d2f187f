package daprx

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
)

// Every API call makes one or two calls through the sidecar; under
// concurrent load they must reuse connections, not open one each, even
// when the caller decodes the answer without reading it to the end.
func TestInvokeReusesConnectionsUnderConcurrency(t *testing.T) {
	var opened atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte("{\"active\":true}\n"))
	}))
	srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			opened.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	port, _ := strconv.Atoi(u.Port())
	sc := New(Config{HTTPPort: port})

	const workers, calls = 16, 25
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range calls {
				resp, err := sc.Invoke(context.Background(), http.MethodGet, "auth", "internal/sessions/s1", nil, nil)
				if err != nil {
					t.Error(err)
					return
				}
				var st struct{ Active bool }
				if err := json.NewDecoder(resp.Body).Decode(&st); err != nil || !st.Active {
					t.Errorf("answer: %v %v", st, err)
				}
				_ = resp.Body.Close()
			}
		})
	}
	wg.Wait()
	// A connection goes back to the pool just after its answer was read,
	// so a caller sometimes dials while its previous one is on its way
	// back; without reuse the count is the number of calls.
	if n := opened.Load(); n > 2*workers {
		t.Fatalf("%d calls from %d concurrent callers opened %d connections, want at most %d", workers*calls, workers, n, 2*workers)
	}
}
