package msg

type Order struct{ ID string }
type Item struct{ SKU string }
