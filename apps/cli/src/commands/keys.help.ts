export const KEYS_HELP = `usage: twin keys create --name NAME --role viewer|operator|admin
       twin keys list
       twin keys revoke ID

Manages the API keys of the server whose database DATABASE_URL names (the same keys the REST API's
/keys routes manage). create prints the new key alone on stdout, once: only its hash is stored.`;
