package stack

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
)

const (
	portRangeFile    = "/proc/sys/net/ipv4/ip_local_port_range"
	reservedPortFile = "/proc/sys/net/ipv4/ip_local_reserved_ports"
)

// reservePorts keeps the kernel from handing the stack's ports to outgoing
// connections. Sentry, placement, scheduler and the sidecars' gRPC ports
// (50000 and up) lie in Linux's ephemeral range, from which every outgoing
// connection takes its local port: a sidecar's Redis connection opened a
// moment earlier can hold another sidecar's gRPC port, which then fails to
// bind. net.ipv4.ip_local_reserved_ports excludes them (until reboot); this
// needs root, otherwise the returned message says how.
func reservePorts(bindings []Binding) (string, error) {
	raw, err := os.ReadFile(portRangeFile)
	if err != nil {
		return "", nil // not Linux, or no /proc: nothing to do
	}
	var lo, hi int
	if _, err := fmt.Sscan(string(raw), &lo, &hi); err != nil {
		return "", fmt.Errorf("read %s: %w", portRangeFile, err)
	}
	current, err := os.ReadFile(reservedPortFile)
	if err != nil {
		return "", nil
	}
	reserved := parsePortList(strings.TrimSpace(string(current)))
	var missing []int
	for _, b := range bindings {
		if b.Port >= lo && b.Port <= hi && !reserved[b.Port] {
			missing = append(missing, b.Port)
		}
	}
	if len(missing) == 0 {
		return "", nil
	}
	slices.Sort(missing)
	list := formatPortList(missing)
	value := list
	if s := strings.TrimSpace(string(current)); s != "" {
		value = s + "," + list
	}
	if err := os.WriteFile(reservedPortFile, []byte(value), 0o644); err != nil {
		return fmt.Sprintf("note: ports %s are in the kernel's ephemeral range; an outgoing connection may "+
			"take one. To keep them for servers: sysctl -w net.ipv4.ip_local_reserved_ports=%s", list, value), nil
	}
	return fmt.Sprintf("reserved ports %s for servers (net.ipv4.ip_local_reserved_ports; outgoing "+
		"connections no longer take them)", list), nil
}

// parsePortList reads "1,5-7" into a set.
func parsePortList(s string) map[int]bool {
	out := map[int]bool{}
	for _, part := range strings.Split(s, ",") {
		a, b, isRange := strings.Cut(strings.TrimSpace(part), "-")
		from, err1 := strconv.Atoi(a)
		to := from
		var err2 error
		if isRange {
			to, err2 = strconv.Atoi(b)
		}
		if err1 != nil || err2 != nil {
			continue
		}
		for p := from; p <= to; p++ {
			out[p] = true
		}
	}
	return out
}

// formatPortList writes sorted ports as "1,5-7".
func formatPortList(ports []int) string {
	var parts []string
	for i := 0; i < len(ports); {
		j := i
		for j+1 < len(ports) && ports[j+1] == ports[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d-%d", ports[i], ports[j]))
		} else {
			parts = append(parts, strconv.Itoa(ports[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}
