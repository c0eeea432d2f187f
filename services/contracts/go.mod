module github.com/taskrocket/taskrocket/services/contracts

go 1.26.0

require (
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.3
	github.com/taskrocket/taskrocket/services/platform v0.0.0
	gorm.io/gorm v1.31.2
)

require (
	github.com/google/uuid v1.6.0 // indirect
	github.com/jinzhu/inflection v1.0.0 // indirect
	github.com/jinzhu/now v1.1.5 // indirect
	golang.org/x/text v0.41.0 // indirect
)

replace github.com/taskrocket/taskrocket/services/platform => ../platform
