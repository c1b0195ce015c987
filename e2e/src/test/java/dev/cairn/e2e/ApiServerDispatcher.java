package dev.cairn.e2e;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * The CRUD mock's dispatcher, plus what an API server answers that it does not: a
 * SelfSubjectRulesReview (the operator SDK asks one before it takes part in leader election)
 * answered as for an identity allowed everything, since this mock models no RBAC.
 */
final class ApiServerDispatcher extends KubernetesCrudDispatcher {
  private static final String ALLOWED = """
      {"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectRulesReview",
       "metadata":{},"spec":{},
       "status":{"incomplete":false,"nonResourceRules":[],
                 "resourceRules":[{"apiGroups":["*"],"resources":["*"],"verbs":["*"]}]}}""";

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    if ("POST".equals(request.getMethod()) && request.getPath() != null
        && request.getPath().startsWith("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")) {
      return new MockResponse().setResponseCode(201)
          .addHeader("Content-Type", "application/json").setBody(ALLOWED);
    }
    return super.dispatch(request);
  }
}
