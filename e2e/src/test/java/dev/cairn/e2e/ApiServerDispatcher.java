package dev.cairn.e2e;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The CRUD mock's dispatcher, plus what an API server answers that it does not: a
 * SelfSubjectRulesReview (the operator SDK asks one before it takes part in leader election)
 * answered as for an identity allowed everything, since this mock models no RBAC. Every request
 * is recorded ({@link #requests()}), so that a test can check what a client asked for.
 */
final class ApiServerDispatcher extends KubernetesCrudDispatcher {
  /** One request as the API server saw it: method, path with query, the client's User-Agent. */
  record Request(String method, String path, String userAgent) {}

  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private static final String ALLOWED = """
      {"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectRulesReview",
       "metadata":{},"spec":{},
       "status":{"incomplete":false,"nonResourceRules":[],
                 "resourceRules":[{"apiGroups":["*"],"resources":["*"],"verbs":["*"]}]}}""";

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    requests.add(new Request(request.getMethod(), request.getPath(),
        request.getHeader("User-Agent")));
    if ("POST".equals(request.getMethod()) && request.getPath() != null
        && request.getPath().startsWith("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")) {
      return new MockResponse().setResponseCode(201)
          .addHeader("Content-Type", "application/json").setBody(ALLOWED);
    }
    return super.dispatch(request);
  }

  /** The requests so far, in arrival order. */
  List<Request> requests() {
    return List.copyOf(requests);
  }
}
