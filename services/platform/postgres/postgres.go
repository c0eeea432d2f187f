// Package postgres opens the gorm connection pool of a service that owns a
// relational schema, with the shared migrations applied.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/taskrocket/taskrocket/services/platform/migrate"
)

// Config is the database block of a service's configuration.
type Config struct {
	URL          string        `env:"DATABASE_URL" required:"true"`
	MaxOpenConns int           `env:"DATABASE_MAX_OPEN_CONNS" default:"20"`
	MaxIdleConns int           `env:"DATABASE_MAX_IDLE_CONNS" default:"10"`
	ConnLifetime time.Duration `env:"DATABASE_CONN_LIFETIME" default:"30m"`
	SlowQuery    time.Duration `env:"DATABASE_SLOW_QUERY" default:"200ms"`
}

// Open connects, sizes the pool and verifies the server answers.
func Open(ctx context.Context, cfg Config, log *slog.Logger) (*gorm.DB, error) {
	db, err := gorm.Open(postgres.Open(cfg.URL), &gorm.Config{
		Logger: quietConstraints{logger.NewSlogLogger(log, logger.Config{
			SlowThreshold:             cfg.SlowQuery,
			LogLevel:                  logger.Warn,
			IgnoreRecordNotFoundError: true,
			ParameterizedQueries:      true,
		})},
		TranslateError:         true,
		SkipDefaultTransaction: true,
		NowFunc:                func() time.Time { return time.Now().UTC() },
	})
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("database handle: %w", err)
	}
	sqlDB.SetMaxOpenConns(cfg.MaxOpenConns)
	sqlDB.SetMaxIdleConns(cfg.MaxIdleConns)
	sqlDB.SetConnMaxLifetime(cfg.ConnLifetime)
	if err := sqlDB.PingContext(ctx); err != nil {
		return nil, fmt.Errorf("reach database: %w", err)
	}
	return db, nil
}

// Migrate applies the given migration sources.
func Migrate(ctx context.Context, db *gorm.DB, sources ...migrate.Source) error {
	sqlDB, err := db.DB()
	if err != nil {
		return fmt.Errorf("database handle: %w", err)
	}
	return migrate.Run(ctx, sqlDB, sources...)
}

// Ping is the readiness check of the database.
func Ping(db *gorm.DB) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		sqlDB, err := db.DB()
		if err != nil {
			return err
		}
		return sqlDB.PingContext(ctx)
	}
}

// quietConstraints keeps integrity constraint violations (SQLSTATE class
// 23: a duplicate name, a row that vanished under a foreign key) out of the
// error log. The services turn them into 409/404 answers on purpose; the
// request log already records those.
type quietConstraints struct{ logger.Interface }

func (q quietConstraints) LogMode(l logger.LogLevel) logger.Interface {
	return quietConstraints{q.Interface.LogMode(l)}
}

func (q quietConstraints) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	if IsConstraintViolation(err) {
		err = nil // still traced as slow when it was
	}
	q.Interface.Trace(ctx, begin, fc, err)
}

// IsConstraintViolation reports whether err is an integrity constraint
// violation (SQLSTATE class 23), translated by gorm or not.
func IsConstraintViolation(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, gorm.ErrDuplicatedKey) || errors.Is(err, gorm.ErrForeignKeyViolated) || errors.Is(err, gorm.ErrCheckConstraintViolated) {
		return true
	}
	var pg *pgconn.PgError
	return errors.As(err, &pg) && strings.HasPrefix(pg.Code, "23")
}
