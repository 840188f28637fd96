using Microsoft.CodeAnalysis;

namespace StackGen.Generators;

/// <summary>The pipeline both model generators share: for each class marked with an attribute, generate into it.</summary>
internal static class MarkedClasses
{
    public static void Register(IncrementalGeneratorInitializationContext context, string markerAttribute, Func<INamedTypeSymbol, Compilation, KubernetesWritersGenerator.Output> generate)
    {
        var targets = context.SyntaxProvider.ForAttributeWithMetadataName(
            markerAttribute,
            static (_, _) => true,
            static (attribute, _) => (INamedTypeSymbol)attribute.TargetSymbol);
        var outputs = targets.Combine(context.CompilationProvider).Select((pair, _) => generate(pair.Left, pair.Right));
        context.RegisterSourceOutput(outputs, static (production, output) =>
        {
            foreach (var diagnostic in output.Diagnostics)
            {
                production.ReportDiagnostic(diagnostic);
            }

            production.AddSource(output.HintName, output.Source);
        });
    }
}
