using System.Globalization;
using k8s.Models;
using StackGen.Building;

namespace StackGen.Stacks.Postgres;

/// <summary>
/// The environment variables libpq (and so psycopg, SQLAlchemy, pg_basebackup) reads by itself: a client needs no
/// connection URL assembled around a password, and the password only ever arrives from its Secret.
/// </summary>
public static class Libpq
{
    /// <summary>Every connection parameter, for clients that connect with an empty connection string.</summary>
    public static IEnumerable<V1EnvVar> Variables(PostgresConnection connection) =>
    [
        Env.Value("PGHOST", connection.Host),
        Env.Value("PGPORT", connection.Port.ToString(CultureInfo.InvariantCulture)),
        Env.Value("PGDATABASE", connection.Name),
        Env.Value("PGUSER", connection.User),
        Env.Value("PGSSLMODE", SslModeName(connection.SslMode)),
        Password(connection),
    ];

    /// <summary>PGPASSWORD from the connection's Secret: libpq uses it when the connection string has no password.</summary>
    public static V1EnvVar Password(PostgresConnection connection) => Env.FromSecret("PGPASSWORD", connection.Password);

    /// <summary>The sslmode as libpq spells it (verify-full).</summary>
    public static string SslModeName(SslMode mode) => mode switch
    {
        SslMode.Disable => "disable",
        SslMode.Allow => "allow",
        SslMode.Prefer => "prefer",
        SslMode.Require => "require",
        SslMode.VerifyCa => "verify-ca",
        _ => "verify-full",
    };
}
