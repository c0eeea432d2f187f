package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// runSplit writes the objects read from stdin into DIR/<app>.yaml, grouped
// by their app.kubernetes.io/name label, in input order; it lists the files
// written on stdout.
func runSplit(args []string) error {
	fs := flag.NewFlagSet("split", flag.ExitOnError)
	dir := fs.String("dir", "", "output directory")
	header := fs.String("header", "", "comment written at the top of every file")
	_ = fs.Parse(args)
	if *dir == "" {
		return fmt.Errorf("split: -dir is required")
	}
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		return err
	}
	objs, err := parse(in, "stdin")
	if err != nil {
		return err
	}
	files := map[string][]string{}
	var order []string
	for _, o := range objs {
		app := str(o.m, "metadata", "labels", "app.kubernetes.io/name")
		if app == "" {
			return fmt.Errorf("split: %s has no app.kubernetes.io/name label", o.id())
		}
		if _, seen := files[app]; !seen {
			order = append(order, app)
		}
		files[app] = append(files[app], strings.TrimSpace(stripSource(string(o.raw))))
	}
	for _, app := range order {
		body := strings.Join(files[app], "\n---\n") + "\n"
		if *header != "" {
			body = "# " + strings.ReplaceAll(*header, "\n", "\n# ") + "\n" + body
		}
		if err := os.WriteFile(filepath.Join(*dir, app+".yaml"), []byte(body), 0o644); err != nil {
			return err
		}
		fmt.Println(app + ".yaml")
	}
	return nil
}

// stripSource drops Helm's "# Source:" comment lines.
func stripSource(doc string) string {
	var b strings.Builder
	for line := range strings.SplitSeq(doc, "\n") {
		if !strings.HasPrefix(line, "# Source:") {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}
