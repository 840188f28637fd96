using System.ComponentModel.DataAnnotations;
using StackGen.Settings;

namespace StackGen.Stacks.Postgres;

/// <summary>
/// How a client logs in to a PostgreSQL server. There is no Postgres stack to reference yet, so the stacks that
/// use the database (web, pghoard) take this as a setting; the password is a Secret reference, never a value.
/// </summary>
public sealed record PostgresConnection
{
    public string Host { get; init; } = "postgres";

    [Range(1, 65535)]
    public int Port { get; init; } = 5432;

    /// <summary>The database to connect to.</summary>
    public string Name { get; init; } = "postgres";

    public required string User { get; init; }

    public required SecretRef Password { get; init; }

    public SslMode SslMode { get; init; } = SslMode.Require;
}
