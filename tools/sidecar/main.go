// Command daprd is the Dapr 1.16 sidecar runtime with the component set
// TaskRocket uses locally. It is built from the Dapr module instead of the
// stock binary because no release download or container runtime is assumed
// on a developer machine; registering components explicitly (instead of the
// upstream "stablecomponents" build tag, which pulls in every cloud SDK)
// keeps the first build to a few minutes and the binary small.
package main

import (
	"github.com/dapr/dapr/cmd/daprd/app"
)

func main() {
	registerComponents()
	app.Run()
}
