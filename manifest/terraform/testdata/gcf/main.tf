resource "google_pubsub_topic" "jobs" {
  name = "jobs"
}

resource "random_id" "id" {
  byte_length = 4
}

resource "google_pubsub_topic" "opaque" {
  name = "opaque-${random_id.id.hex}"
}

data "archive_file" "src" {
  type        = "zip"
  source_dir  = "../functions"
  output_path = "/tmp/src.zip"
}

resource "google_storage_bucket_object" "src" {
  name   = "src.zip"
  bucket = "b"
  source = data.archive_file.src.output_path
}

resource "google_cloudfunctions2_function" "consume" {
  name = "consume"
  build_config {
    entry_point = "Consume"
    source {
      storage_source {
        bucket = "b"
        object = google_storage_bucket_object.src.name
      }
    }
  }
  service_config {
    environment_variables = {
      NEXT = google_pubsub_topic.opaque.name
    }
  }
  event_trigger {
    event_type   = "google.cloud.pubsub.topic.v1.messagePublished"
    pubsub_topic = google_pubsub_topic.jobs.id
  }
}

resource "google_cloudfunctions_function" "gen1" {
  name        = "gen1"
  entry_point = "Gen1"
  event_trigger {
    event_type = "google.pubsub.topic.publish"
    resource   = "projects/p/topics/legacy"
  }
}
