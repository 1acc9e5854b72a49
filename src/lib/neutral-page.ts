// Where a phone goes once its workshop was erased: a static page that says nothing about the workshop or this
// site (static/closed.html), reached with location.replace() or a redirect so the room is not in its history.
export const neutralPage = '/closed.html';
