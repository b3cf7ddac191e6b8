package shared

// Notice is declared in another package: findings about it are reported
// at the handler that uses it.
type Notice struct {
	Text   string `json:"text,omitempy"`
	Notify chan string
}
