namespace Marketplace.IntegrationTests.Benchmarks;

/// <summary>Benchmarks run one at a time, with no other test class beside them, so their figures measure them alone.</summary>
[CollectionDefinition(nameof(Benchmarks), DisableParallelization = true)]
public sealed class Benchmarks;
