using StackGen.Tests.Fixtures;
using StackGen.Tests.Support;

namespace StackGen.Tests.Rendering;

/// <summary>
/// What `render` prints is valid Kubernetes for the environment's version, judged by the official OpenAPI
/// spec: every document parses back, apiVersion/kind is served, required fields are set, no unknown fields.
/// </summary>
public sealed class KubernetesValidityTests
{
    public static TheoryData<string> Environments() => [.. Renders.Environments];

    public static TheoryData<string> FixtureEnvironments() => [.. FixtureOrganisation.Organisation.Environments];

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_rendered_object_validates_against_the_openapi_spec(string environment) =>
        OrganisationChecks.ValidatesAgainstOpenApi(Renders.Shipped, environment);

    /// <summary>The engine tests apply the fixture to a fake API server that validates as strictly; a bad fixture would fail them for the wrong reason.</summary>
    [Theory]
    [MemberData(nameof(FixtureEnvironments))]
    public void Every_fixture_object_validates_against_the_openapi_spec(string environment) =>
        OrganisationChecks.ValidatesAgainstOpenApi(FixtureOrganisation.Organisation, environment);
}
