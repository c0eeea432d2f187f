package contracts

// Events of the tasks context (topic TopicTasks). Each needs a payload
// type below and a schema file schemas/<entity>.<verb>.v1.json.
var taskEvents = []EventSpec{}
