package stack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/nats-io/nats.go"
)

// ensureStreams creates the JetStream streams that a resources folder
// declares in a stream.json (the JetStream pub/sub variant: its component
// does not create them), on the server of TASKROCKET_NATS_URL. A stream
// that exists is updated to the file.
func (s *Stack) ensureStreams(ctx context.Context) error {
	for _, a := range s.apps {
		for _, dir := range a.resources {
			if err := s.ensureStream(ctx, filepath.Join(dir, "stream.json")); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *Stack) ensureStream(ctx context.Context, file string) error {
	raw, err := os.ReadFile(file)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var cfg nats.StreamConfig
	if err := json.Unmarshal(raw, &cfg); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	url := s.sidecar[SecretPrefix+"NATS_URL"]
	if url == "" {
		url = nats.DefaultURL
	}
	nc, err := nats.Connect(url)
	if err != nil {
		return fmt.Errorf("JetStream stream %s: connect to %s: %w", cfg.Name, url, err)
	}
	defer nc.Close()
	js, err := nc.JetStream(nats.Context(ctx))
	if err != nil {
		return err
	}
	if _, err := js.StreamInfo(cfg.Name); errors.Is(err, nats.ErrStreamNotFound) {
		_, err = js.AddStream(&cfg)
		return err
	}
	_, err = js.UpdateStream(&cfg)
	return err
}
