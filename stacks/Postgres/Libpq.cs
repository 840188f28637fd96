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

    /// <summary>
    /// A libpq connection string (keyword='value' ...) without the password, which libpq takes from PGPASSWORD:
    /// for programs that take one as an argument (pg_receivewal --dbname). Values are quoted, so none can add a keyword.
    /// </summary>
    public static string ConnectionString(PostgresConnection connection) => string.Join(' ',
        Keyword("host", connection.Host),
        Keyword("port", connection.Port.ToString(CultureInfo.InvariantCulture)),
        Keyword("user", connection.User),
        Keyword("dbname", connection.Name),
        Keyword("sslmode", SslModeName(connection.SslMode)));

    private static string Keyword(string keyword, string value) =>
        $"{keyword}='{value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("'", @"\'", StringComparison.Ordinal)}'";

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
