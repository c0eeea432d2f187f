package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"

	"github.com/taskrocket/taskrocket/services/platform/service"

	"github.com/taskrocket/taskrocket/services/search/ports"
)

// reindex asks the running service (on SEARCH_PORT, with its
// APP_API_TOKEN: run it in the service's environment, e.g. kubectl exec)
// to rebuild its index from the owning services, and prints what it
// wrote. Queries keep being answered from the old index until the new one
// replaces it.
func reindex(ctx context.Context, rt *service.Runtime) error {
	var cfg config
	if err := rt.Load(&cfg); err != nil {
		return err
	}
	url := "http://127.0.0.1:" + strconv.Itoa(cfg.Port) + ports.RouteReindex
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("dapr-api-token", rt.Base.Dapr.AppToken)
	rt.Log.Info("rebuilding the index of the running service", "url", url)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("reach the search service: %w", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("reindex: HTTP %d: %s", resp.StatusCode, body)
	}
	_, err = fmt.Fprintf(os.Stdout, "%s\n", body)
	return err
}
