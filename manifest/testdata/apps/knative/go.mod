module example.com/kn

go 1.22
