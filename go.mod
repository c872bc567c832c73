module yusuan

go 1.26.8
