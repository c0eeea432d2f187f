module github.com/taskrocket/taskrocket/tools/soak

go 1.26.0

require (
	github.com/taskrocket/taskrocket/tools/bench v0.0.0
	github.com/taskrocket/taskrocket/tools/launcher v0.0.0
)

require (
	github.com/jackc/pgpassfile v1.0.0 // indirect
	github.com/jackc/pgservicefile v0.0.0-20240606120523-5a60cdf6a761 // indirect
	github.com/jackc/pgx/v5 v5.12.0 // indirect
	golang.org/x/text v0.41.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)

replace (
	github.com/taskrocket/taskrocket/tools/bench => ../bench
	github.com/taskrocket/taskrocket/tools/launcher => ../launcher
)
