module github.com/taskrocket/taskrocket/tools/bench

go 1.26.0

require (
	github.com/jackc/pgx/v5 v5.12.0
	github.com/taskrocket/taskrocket/tools/launcher v0.0.0
)

require (
	github.com/gorilla/websocket v1.5.0 // indirect
	github.com/klauspost/compress v1.17.0 // indirect
	github.com/nats-io/nats.go v1.31.0 // indirect
	github.com/nats-io/nkeys v0.4.5 // indirect
	github.com/nats-io/nuid v1.0.1 // indirect
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.3 // indirect
	golang.org/x/crypto v0.48.0 // indirect
	golang.org/x/net v0.51.0 // indirect
	golang.org/x/sync v0.25.0 // indirect
	golang.org/x/sys v0.41.0 // indirect
)

require (
	github.com/eclipse/paho.mqtt.golang v1.4.3
	github.com/google/uuid v1.6.0
	github.com/jackc/pgpassfile v1.0.0 // indirect
	github.com/jackc/pgservicefile v0.0.0-20240606120523-5a60cdf6a761 // indirect
	github.com/taskrocket/taskrocket/services/contracts v0.0.0
	github.com/taskrocket/taskrocket/services/platform v0.0.0
	golang.org/x/text v0.41.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)

replace github.com/taskrocket/taskrocket/tools/launcher => ../launcher

replace github.com/taskrocket/taskrocket/services/contracts => ../../services/contracts

replace github.com/taskrocket/taskrocket/services/platform => ../../services/platform
