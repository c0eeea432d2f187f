package stack

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"
)

// redisDo runs single-word commands (PING, FLUSHDB) on the server's
// database with the Redis protocol; the launcher needs nothing more, so it
// carries no Redis client.
func redisDo(ctx context.Context, r RedisServer, commands ...string) error {
	d := net.Dialer{Timeout: 3 * time.Second}
	c, err := d.DialContext(ctx, "tcp", r.Addr)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	rd := bufio.NewReader(c)
	var script [][]string
	if r.Password != "" {
		script = append(script, []string{"AUTH", r.Password})
	}
	script = append(script, []string{"SELECT", strconv.Itoa(r.DB)})
	for _, cmd := range commands {
		script = append(script, []string{cmd})
	}
	for _, args := range script {
		var b strings.Builder
		fmt.Fprintf(&b, "*%d\r\n", len(args))
		for _, a := range args {
			fmt.Fprintf(&b, "$%d\r\n%s\r\n", len(a), a)
		}
		if _, err := c.Write([]byte(b.String())); err != nil {
			return fmt.Errorf("%s: %w", args[0], err)
		}
		line, err := rd.ReadString('\n')
		if err != nil {
			return fmt.Errorf("%s: %w", args[0], err)
		}
		if strings.HasPrefix(line, "-") {
			return fmt.Errorf("%s: %w", args[0], errors.New(strings.TrimSpace(line[1:])))
		}
	}
	return nil
}

// redisLoaded waits while a Redis that just started loads its data set
// (it answers LOADING until then), up to a minute.
func redisLoaded(ctx context.Context, r RedisServer) error {
	deadline := time.Now().Add(time.Minute)
	for {
		err := redisDo(ctx, RedisServer{Addr: r.Addr, Password: r.Password}, "PING")
		if err == nil || !strings.Contains(err.Error(), "LOADING") || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}
