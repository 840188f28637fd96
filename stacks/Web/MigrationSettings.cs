using System.ComponentModel.DataAnnotations;
using StackGen.Settings;

namespace StackGen.Stacks.Web;

/// <summary>
/// The database schema migration: a Job that `stackgen apply` runs, and waits for, before the web Deployment rolls
/// (a pre-install/pre-upgrade hook); a failed migration stops the apply with the Deployment untouched. Its name carries
/// a hash of its content, so a new image runs it again and an unchanged one does not.
/// </summary>
public sealed record MigrationSettings
{
    public bool Enabled { get; init; }

    /// <summary>The image that runs the migration; the web image when not given (its code holds the migrations).</summary>
    public ImageRef? Image { get; init; }

    /// <summary>The command, run in the image with the web tier's database variables (libpq's PGHOST, PGUSER, PGPASSWORD...); Flask-Migrate's upgrade of the web module's app when not given.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Failed pods retried before the migration fails: none by default, a half-applied migration wants a person.</summary>
    [Range(0, 10)]
    public int BackoffLimit { get; init; }

    /// <summary>How long the migration may run before Kubernetes stops it (and apply reports it failed).</summary>
    public Duration Deadline { get; init; } = Duration.Parse("10m");

    /// <summary>The web pods' resources when not given.</summary>
    public ComputeResources? Resources { get; init; }
}
