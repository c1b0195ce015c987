package dev.cairn.cli;

import dev.cairn.operator.CairnOperator;
import dev.cairn.operator.OperatorOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cairn operator}: the Kubernetes controllers for Volsync's ReplicationSource and
 * ReplicationDestination. Finds its cluster as kubectl does ({@code KUBECONFIG}, {@code
 * ~/.kube/config}, in-cluster); runs until SIGTERM, then stops gracefully.
 */
@Command(name = "operator",
    description = "Run the Kubernetes operator for Volsync's ReplicationSource and"
        + " ReplicationDestination")
final class OperatorCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Option(names = "--namespace", description = "watch only this namespace (default: all)")
  String namespace;

  @Option(names = "--metrics-address", description = "serve /metrics here (default :8080)")
  String metricsAddress = ":8080";

  @Option(names = "--health-address", description = "serve /healthz and /readyz here (default :8081)")
  String healthAddress = ":8081";

  @Option(names = "--mover-image", description = "image of the mover Jobs (default: env "
      + OperatorOptions.IMAGE_ENV + ", else " + OperatorOptions.DEFAULT_IMAGE + ")")
  String moverImage;

  @Option(names = "--leader-election-namespace",
      description = "namespace of the leader-election Lease (default: the operator's own, else default)")
  String leaseNamespace;

  @Option(names = "--leader-elect", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "elect a leader with a Lease, so that only one replica acts (default true;"
          + " --no-leader-elect for a single replica, or an API server without"
          + " SelfSubjectRulesReview)")
  boolean leaderElect = true;

  @Override
  public Integer call() throws Exception {
    OperatorOptions options = new OperatorOptions(namespace,
        OperatorOptions.address(metricsAddress), OperatorOptions.address(healthAddress),
        OperatorOptions.image(moverImage, main.env()),
        !leaderElect ? null
            : leaseNamespace != null ? leaseNamespace : OperatorOptions.ownNamespace(),
        Duration.ofMinutes(1), Duration.ofMinutes(5));
    KubernetesClient client = new KubernetesClientBuilder().build();
    CountDownLatch stopped = new CountDownLatch(1);
    CairnOperator operator = CairnOperator.start(client, options, Clock.systemUTC(),
        System.out, main.env(), () -> {
          main.out().warn("cairn operator: another instance took the leader lease; exiting");
          Runtime.getRuntime().halt(ExitCodes.FATAL);
        });
    main.out().println("cairn operator " + VersionCommand.VERSION + " started: cluster "
        + client.getMasterUrl() + ", namespace " + (namespace == null ? "all" : namespace)
        + ", metrics on " + metricsAddress + ", probes on " + healthAddress + ", mover image "
        + options.moverImage());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      operator.close();
      client.close();
      stopped.countDown();
    }, "cairn-operator-stop"));
    stopped.await();
    return ExitCodes.OK;
  }
}
