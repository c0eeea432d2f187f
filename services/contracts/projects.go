package contracts

// Events of the projects context (topic TopicProjects). Each needs a payload
// type below and a schema file schemas/<entity>.<verb>.v1.json.
var projectEvents = []EventSpec{}
