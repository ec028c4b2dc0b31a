from config.celery import app


def route(name: str) -> str:
    return app.amqp.router.route({}, name)["queue"].name


def test_tasks_are_routed_to_their_queues():
    assert route("officers.tasks.detect_faces") == "images"
    assert route("ingest.tasks.scrape_source") == "scrape"
    assert route("incidents.tasks.classify_posts") == "ml"
    assert route("core.tasks.clear_expired_sessions") == "default"


def test_workers_acknowledge_late_and_have_time_limits():
    assert app.conf.task_acks_late is True
    assert app.conf.task_time_limit > app.conf.task_soft_time_limit > 0
