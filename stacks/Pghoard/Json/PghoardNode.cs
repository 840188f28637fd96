namespace StackGen.Stacks.Pghoard.Json;

/// <summary>
/// libpq connection parameters of a server to back up. Deliberately no password: libpq, in pghoard and in the
/// pg_basebackup and pg_receivewal it starts, falls back to PGPASSWORD from the environment.
/// </summary>
internal sealed record PghoardNode(string Host, int Port, string User, string Dbname, string Sslmode, string Slot);
