package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	mqtt "github.com/eclipse/paho.mqtt.golang"
	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/tools/launcher/stack"
)

const offset = 12000

func run(ctx context.Context, root string, n int, rate float64) error {
	root, _ = filepath.Abs(root)
	data := filepath.Join(root, ".data", "bench-notify")
	_ = os.MkdirAll(data, 0o755)
	logFile, err := os.Create(filepath.Join(data, "stack.log"))
	if err != nil {
		return err
	}
	defer logFile.Close()
	fmt.Println("starting the stack (log:", logFile.Name()+")")
	st, err := stack.Start(ctx, stack.Options{Root: root, Template: filepath.Join(root, "dapr", "dapr.yaml"), Offset: offset,
		DataDir: data, DatabaseSuffix: "_benchnotify", RedisDB: 12, Stdout: logFile,
		Only: []string{"gateway", "users", "auth", "projects", "tasks", "notifications"}})
	if err != nil {
		return err
	}
	defer func() {
		stopCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		_ = st.Stop(stopCtx)
	}()
	gw := st.URL("gateway")
	ada, err := signUp(gw, "ada")
	if err != nil {
		return err
	}
	bob, err := signUp(gw, "bob")
	if err != nil {
		return err
	}
	var project struct{ ID string }
	if err := call(gw, ada.token, "POST", "/api/v1/projects", map[string]any{"name": "Latency", "key": "LAT"}, &project); err != nil {
		return err
	}
	if err := call(gw, ada.token, "POST", "/api/v1/projects/"+project.ID+"/members", map[string]any{"userId": bob.id, "role": "participant"}, nil); err != nil {
		return err
	}
	a := newArrivals()
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if err := listenStream(sctx, gw, bob.token, a); err != nil {
		return err
	}
	if err := listenPush(bob.id, a); err != nil {
		return err
	}
	go pollMailpit(sctx, st.MailpitURL(), a)
	time.Sleep(3 * time.Second) // the members view and the stream settle

	started := time.Now()
	tick := time.NewTicker(time.Duration(float64(time.Second) / rate))
	defer tick.Stop()
	for i := range n {
		<-tick.C
		title := fmt.Sprintf("Latency %05d %s", i, uuid.NewString()[:8])
		ev, err := events.New("/tasks", contracts.EventTaskAssigned, "", contracts.TaskAssigned{Actor: contracts.Actor{UserID: ada.id},
			ProjectID: project.ID, TaskID: uuid.Must(uuid.NewV7()).String(), Title: title, UserID: bob.id, OccurredAt: time.Now().UTC()})
		if err != nil {
			return err
		}
		a.published(title, time.Now())
		if err := publish(st, ev); err != nil {
			return err
		}
	}
	deadline := time.Now().Add(30 * time.Second)
	for !a.complete() && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	text, err := report(filepath.Join(root, "bench", "out", "notifications.md"), a, n, rate, started)
	fmt.Print(text)
	return err
}

type account struct{ id, token string }

func signUp(gw, name string) (account, error) {
	u := name + strings.ReplaceAll(uuid.NewString()[:8], "-", "")
	var created struct{ User struct{ ID string } }
	if err := call(gw, "", "POST", "/api/v1/users", map[string]any{"email": u + "@example.com", "username": u,
		"displayName": name, "password": "correct horse battery staple", "timezone": "Europe/Warsaw"}, &created); err != nil {
		return account{}, err
	}
	var tok struct{ AccessToken string }
	err := call(gw, "", "POST", "/api/v1/auth/login", map[string]any{"login": u, "password": "correct horse battery staple"}, &tok)
	return account{id: created.User.ID, token: tok.AccessToken}, err
}

func call(gw, token, method, path string, in, out any) error {
	raw, _ := json.Marshal(in)
	req, _ := http.NewRequest(method, gw+path, bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode >= 300 {
		return fmt.Errorf("%s %s: %d %s", method, path, resp.StatusCode, body)
	}
	if out != nil {
		return json.Unmarshal(body, out)
	}
	return nil
}

func publish(st *stack.Stack, ev events.Event) error {
	raw, _ := json.Marshal(ev)
	u := fmt.Sprintf("http://127.0.0.1:%d/v1.0/publish/%s/%s", st.DaprHTTPPort("tasks"), contracts.PubSub, contracts.TopicTasks)
	req, _ := http.NewRequest(http.MethodPost, u, bytes.NewReader(raw))
	req.Header.Set("Content-Type", events.ContentType)
	req.Header.Set("dapr-api-token", st.APIToken("tasks"))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("publish: HTTP %d", resp.StatusCode)
	}
	return nil
}

// listenStream reads the gateway's stream and records each notification.
func listenStream(ctx context.Context, gw, token string, a *arrivals) error {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, gw+"/api/v1/notifications/stream", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("stream: HTTP %d", resp.StatusCode)
	}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			if line := sc.Text(); strings.HasPrefix(line, "data: ") {
				a.arrived("stream", line, time.Now())
			}
		}
	}()
	return nil
}

func listenPush(userID string, a *arrivals) error {
	c := mqtt.NewClient(mqtt.NewClientOptions().AddBroker("tcp://127.0.0.1:1883").SetClientID("bench-" + uuid.NewString()))
	if tok := c.Connect(); !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
		return fmt.Errorf("mqtt: %v", tok.Error())
	}
	tok := c.Subscribe("taskrocket/users/"+userID, 1, func(_ mqtt.Client, m mqtt.Message) {
		a.arrived("push", string(m.Payload()), time.Now())
	})
	if !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
		return fmt.Errorf("mqtt subscribe: %v", tok.Error())
	}
	return nil
}

// pollMailpit lists Mailpit's newest messages every 20 ms; a message's
// arrival is when a poll first sees it (up to 20 ms late).
func pollMailpit(ctx context.Context, base string, a *arrivals) {
	for ctx.Err() == nil {
		resp, err := http.Get(base + "/api/v1/messages?limit=50")
		if err == nil {
			var list struct{ Messages []struct{ Subject string } }
			_ = json.NewDecoder(resp.Body).Decode(&list)
			resp.Body.Close()
			now := time.Now()
			for _, m := range list.Messages {
				a.arrived("email", m.Subject, now)
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
}
