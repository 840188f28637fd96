namespace StackGen.Tests.FakeKube;

/// <summary>How the real API server's registry strategy treats a kind, as far as the fake simulates it.</summary>
[Flags]
public enum ResourceTraits
{
    None = 0,

    /// <summary>Status is a subresource: writes to the object ignore <c>status</c>, writes to <c>/status</c> change only it.</summary>
    Status = 1,

    /// <summary><c>metadata.generation</c> is set and bumped whenever anything outside metadata and status changes.</summary>
    Generation = 2,

    /// <summary>A change to <c>metadata.annotations</c> bumps the generation too (Deployments copy them to ReplicaSets).</summary>
    AnnotationsBumpGeneration = 4,

    /// <summary>PUT to a missing object creates it (AllowCreateOnUpdate: Lease, Event, Service).</summary>
    CreateOnUpdate = 8,

    /// <summary>PUT must carry <c>metadata.resourceVersion</c> (AllowUnconditionalUpdate is false: Lease).</summary>
    ConditionalUpdateOnly = 16,
}
