module github.com/taskrocket/taskrocket/e2e

go 1.26.0

require (
	github.com/taskrocket/taskrocket/services/contracts v0.0.0
	github.com/taskrocket/taskrocket/services/platform v0.0.0
	github.com/taskrocket/taskrocket/tools/launcher v0.0.0
)

replace (
	github.com/taskrocket/taskrocket/services/contracts => ../services/contracts
	github.com/taskrocket/taskrocket/services/platform => ../services/platform
	github.com/taskrocket/taskrocket/tools/launcher => ../tools/launcher
)
