using System.Text.Json.Serialization;

namespace StackGen.Stacks.Pghoard.Json;

/// <summary>Source-generated, reflection-free serialization of pghoard.json.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    NewLine = "\n")]
[JsonSerializable(typeof(PghoardConfig))]
internal sealed partial class PghoardJsonContext : JsonSerializerContext;
