"""Photos and faces: submission, review, face detection (never recognition), the volunteers' queue."""
