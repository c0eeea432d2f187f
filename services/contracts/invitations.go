package contracts

// Events of the invitations context (topic TopicInvitations). Each needs a payload
// type below and a schema file schemas/<entity>.<verb>.v1.json.
var invitationEvents = []EventSpec{}
