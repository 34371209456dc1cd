// The query key of the window's session (auth.status), apart from useSession so that the page's
// first script can ask for the session without loading React.
export const SESSION_KEY = ['auth.status'] as const;
