namespace StackGen.Stacks.Postgres;

/// <summary>libpq's sslmode: how hard a client insists on TLS and on checking the server's certificate.</summary>
public enum SslMode
{
    Disable,
    Allow,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}
