// Package golambda wraps platform.Run: a wrapper of a wrapper.
package golambda

import "platform"

func Start(h any) { // want Start:`registers\(\$1, lambda.Start\)`
	platform.Run(h)
}
