// Package config fills a typed configuration struct from environment
// variables. Every field names its variable with an `env` tag; the service
// prefix is prepended unless the tag ends in ",noprefix" (used for the
// variables Dapr itself defines, such as DAPR_HTTP_PORT).
//
//	type Config struct {
//		Port        int           `env:"PORT" default:"8101"`
//		DatabaseURL string        `env:"DATABASE_URL" required:"true"`
//		Timeout     time.Duration `env:"TIMEOUT" default:"5s"`
//		DaprHTTP    int           `env:"DAPR_HTTP_PORT,noprefix" default:"3500"`
//	}
//
// Nested structs without an env tag are walked, so shared blocks (HTTP,
// Dapr, auth) are declared once and embedded by every service.
package config

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// Lookup returns the value of an environment variable and whether it is set.
type Lookup func(name string) (string, bool)

// Load fills dst (a pointer to a struct) from the process environment.
func Load(prefix string, dst any) error {
	return LoadFrom(os.LookupEnv, prefix, dst)
}

// LoadFrom fills dst from lookup; it reports every missing or malformed
// variable at once so a misconfigured deployment fails with one message.
func LoadFrom(lookup Lookup, prefix string, dst any) error {
	v := reflect.ValueOf(dst)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("config: destination must be a pointer to a struct, got %T", dst)
	}
	if prefix != "" && !strings.HasSuffix(prefix, "_") {
		prefix += "_"
	}
	var errs []error
	walk(lookup, strings.ToUpper(prefix), v.Elem(), &errs)
	return errors.Join(errs...)
}

func walk(lookup Lookup, prefix string, v reflect.Value, errs *[]error) {
	t := v.Type()
	for i := range t.NumField() {
		field, fv := t.Field(i), v.Field(i)
		if !field.IsExported() && !field.Anonymous {
			continue
		}
		tag, ok := field.Tag.Lookup("env")
		if !ok {
			if fv.Kind() == reflect.Struct && fv.Type() != reflect.TypeFor[time.Time]() {
				walk(lookup, prefix, fv, errs)
			}
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if opts != "noprefix" {
			name = prefix + name
		}
		raw, set := lookup(name)
		if !set || raw == "" {
			if def, hasDefault := field.Tag.Lookup("default"); hasDefault {
				raw, set = def, true
			}
		}
		if !set {
			if field.Tag.Get("required") == "true" {
				*errs = append(*errs, fmt.Errorf("config: %s is required", name))
			}
			continue
		}
		if err := assign(fv, raw); err != nil {
			*errs = append(*errs, fmt.Errorf("config: %s: %w", name, err))
		}
	}
}

func assign(fv reflect.Value, raw string) error {
	switch fv.Interface().(type) {
	case time.Duration:
		d, err := time.ParseDuration(raw)
		if err != nil {
			return fmt.Errorf("not a duration (e.g. 5s, 1m): %q", raw)
		}
		fv.SetInt(int64(d))
		return nil
	case []string:
		var items []string
		for item := range strings.SplitSeq(raw, ",") {
			if item = strings.TrimSpace(item); item != "" {
				items = append(items, item)
			}
		}
		fv.Set(reflect.ValueOf(items))
		return nil
	}
	switch fv.Kind() {
	case reflect.String:
		fv.SetString(raw)
	case reflect.Int, reflect.Int64, reflect.Int32:
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			return fmt.Errorf("not an integer: %q", raw)
		}
		fv.SetInt(n)
	case reflect.Bool:
		b, err := strconv.ParseBool(raw)
		if err != nil {
			return fmt.Errorf("not a boolean: %q", raw)
		}
		fv.SetBool(b)
	case reflect.Float64:
		f, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			return fmt.Errorf("not a number: %q", raw)
		}
		fv.SetFloat(f)
	default:
		return fmt.Errorf("unsupported field type %s", fv.Type())
	}
	return nil
}
