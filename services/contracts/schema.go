package contracts

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

//go:embed schemas/*.json
var schemaFiles embed.FS

// EventSpec describes one event type.
type EventSpec struct {
	Type   string // CloudEvent type, e.g. taskrocket.user.registered.v1
	Topic  string
	Schema string // file under schemas/
}

// SchemaURL is the public identifier of an event type's data schema
// (the CloudEvent dataschema attribute).
func SchemaURL(eventType string) string {
	return "https://schemas.taskrocket.dev/events/" + eventType + ".json"
}

// Validator checks event payloads against their JSON Schemas.
type Validator struct {
	schemas map[string]*jsonschema.Schema
}

// NewValidator compiles the schema of every registered event type.
func NewValidator() (*Validator, error) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	v := &Validator{schemas: map[string]*jsonschema.Schema{}}
	for _, spec := range Events() {
		raw, err := schemaFiles.ReadFile("schemas/" + spec.Schema)
		if err != nil {
			return nil, fmt.Errorf("schema of %s: %w", spec.Type, err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
		if err != nil {
			return nil, fmt.Errorf("schema of %s: %w", spec.Type, err)
		}
		url := SchemaURL(spec.Type)
		if err := c.AddResource(url, doc); err != nil {
			return nil, fmt.Errorf("schema of %s: %w", spec.Type, err)
		}
		s, err := c.Compile(url)
		if err != nil {
			return nil, fmt.Errorf("compile schema of %s: %w", spec.Type, err)
		}
		v.schemas[spec.Type] = s
	}
	return v, nil
}

// Validate checks an event's data against the schema of its type.
func (v *Validator) Validate(eventType string, data []byte) error {
	s, ok := v.schemas[eventType]
	if !ok {
		return fmt.Errorf("unknown event type %q", eventType)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%s data is not JSON: %w", eventType, err)
	}
	if err := s.Validate(inst); err != nil {
		return fmt.Errorf("%s data does not match its schema: %w", eventType, err)
	}
	return nil
}

// Schema returns the raw JSON Schema document of an event type.
func Schema(eventType string) (json.RawMessage, error) {
	for _, spec := range Events() {
		if spec.Type == eventType {
			return schemaFiles.ReadFile("schemas/" + spec.Schema)
		}
	}
	return nil, fmt.Errorf("unknown event type %q", eventType)
}

// Events returns every registered event type, sorted by type.
func Events() []EventSpec {
	out := make([]EventSpec, 0, len(registry))
	for _, s := range registry {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Type < out[j].Type })
	return out
}
